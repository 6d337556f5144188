import { useState } from 'react';
import type { Creator } from '../api/types';

/** The creator's avatar, or their initial when there is none (or it fails to load). */
export function Avatar({
  creator,
  size = 'normal',
}: {
  creator: Pick<Creator, 'avatar_url' | 'display_name' | 'handle'>;
  size?: 'normal' | 'large';
}) {
  const [failed, setFailed] = useState(false);
  const className = `avatar${size === 'large' ? ' large' : ''}`;
  if (!creator.avatar_url || failed)
    return (
      <span className={className} aria-hidden>
        {(creator.display_name || creator.handle).charAt(0).toUpperCase()}
      </span>
    );
  return <img className={className} src={creator.avatar_url} alt="" onError={() => setFailed(true)} />;
}

/** A post's cover, 9:16. Decorative next to its caption, so the alt text is empty unless asked. */
export function Poster({ src, alt = '', width }: { src: string; alt?: string; width?: number }) {
  return <img className="poster" src={src} alt={alt} loading="lazy" style={width ? { width } : undefined} />;
}
