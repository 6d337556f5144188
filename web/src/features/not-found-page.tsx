import { Compass } from 'lucide-react';
import { Link } from 'react-router-dom';
import { EmptyState } from '../components/states';

export function NotFoundPage() {
  return (
    <div className="card" style={{ marginTop: 24 }}>
      <EmptyState
        icon={<Compass size={22} />}
        title="This page does not exist"
        actions={
          <Link className="btn primary" to="/">
            Go to your home page
          </Link>
        }
      >
        The link may be old, or the page may belong to another kind of account.
      </EmptyState>
    </div>
  );
}
