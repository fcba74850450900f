import { notFound } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any unknown URL: a real 404 page inside the app shell.
export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
