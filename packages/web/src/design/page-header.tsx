/** The page's title (its only `<h1>`) and an optional one-paragraph introduction. */
export function PageHeader({ title, lead }: { title: string; lead?: string }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {lead ? <p>{lead}</p> : null}
    </div>
  );
}
