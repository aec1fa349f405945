import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { PageTextSource } from './document-status';
import { LayoutLine } from './layout-box';

@ObjectType('DocumentPage', { description: 'One page of a document with its text and layout.' })
@Entity({ name: 'document_page' })
export class DocumentPageEntity {
  @Field(() => ID, { description: 'Stable identifier.' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The document this page belongs to.' })
  @Column({ name: 'document_id', type: 'uuid' })
  documentId: string;

  @Column({ name: 'patient_id', type: 'uuid' })
  patientId: string;

  @Field(() => Int, { description: 'Page number, from 1.' })
  @Column({ name: 'page_number', type: 'integer' })
  pageNumber: number;

  @Field(() => String, { description: 'The page’s text, line by line.' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => PageTextSource, {
    description: 'Whether the text came from the PDF’s text layer or from OCR.',
  })
  @Column({ type: 'text' })
  source: PageTextSource;

  @Field(() => Float, { nullable: true, description: 'Mean OCR confidence 0–1; null for text-layer pages.' })
  @Column({ name: 'ocr_confidence', type: 'double precision', nullable: true })
  ocrConfidence: number | null;

  @Field(() => Float, { description: 'Page width in its units.' })
  @Column({ type: 'double precision' })
  width: number;

  @Field(() => Float, { description: 'Page height in its units.' })
  @Column({ type: 'double precision' })
  height: number;

  @Field(() => [LayoutLine], { description: 'Lines of text with their boxes, top to bottom.' })
  @Column({ type: 'jsonb' })
  lines: LayoutLine[];

  /** Blob key of the image the viewer shows (a rendered PDF page or the uploaded image); null when there is none. */
  @Column({ name: 'image_key', type: 'text', nullable: true })
  imageKey: string | null;
}
