import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pages remember the image the viewer shows for them (rendered PDF page or the uploaded image). */
export class PageImages1765100000000 implements MigrationInterface {
  name = 'PageImages1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE document_page ADD COLUMN image_key text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE document_page DROP COLUMN image_key`);
  }
}
