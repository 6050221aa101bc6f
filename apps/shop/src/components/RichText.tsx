// A product description: HTML that the server sanitised when the merchant saved it.
export function RichText({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on save by the catalog service
  return <div className="product-description" dangerouslySetInnerHTML={{ __html: html }} />;
}
