import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any unknown URL: a real 404 page inside the app shell.
export async function loader() {
  throw new Response(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
