import { Field, Float, ObjectType } from 'type-graphql';

/** A rectangle on a page, in the page's own units (PDF points or image pixels), origin top left. */
@ObjectType('LayoutBox', { description: 'A rectangle on a page, origin top left, in the page’s units.' })
export class LayoutBox {
  @Field(() => Float, { description: 'Left edge.' })
  x: number;

  @Field(() => Float, { description: 'Top edge.' })
  y: number;

  @Field(() => Float, { description: 'Width.' })
  width: number;

  @Field(() => Float, { description: 'Height.' })
  height: number;
}

/** One line of text on a page with where it is. */
@ObjectType('LayoutLine', {
  description: 'One line of recognized or embedded text and where it is on the page.',
})
export class LayoutLine {
  @Field(() => String, { description: 'The line’s text.' })
  text: string;

  @Field(() => LayoutBox, { description: 'Where the line is.' })
  box: LayoutBox;
}
