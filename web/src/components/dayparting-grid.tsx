import { type KeyboardEvent, type PointerEvent, useCallback, useEffect, useRef, useState } from 'react';
import { CELLS, cellIndex, DAYS, PRESETS, SLOTS_PER_DAY, slotLabel, summary } from '../lib/dayparting';

interface DaypartingGridProps {
  value: string;
  onChange: (grid: string) => void;
  timeZoneLabel: string;
  disabled?: boolean;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const SLOTS = Array.from({ length: SLOTS_PER_DAY }, (_, s) => s);

function set(grid: string, index: number, on: boolean): string {
  return grid.slice(0, index) + (on ? '1' : '0') + grid.slice(index + 1);
}

/**
 * 7 × 48 half-hour cells. Drag to paint (the first cell decides on or off); arrow keys move, Space
 * or Enter toggles. Times are the ad account's.
 */
export function DaypartingGrid({ value, onChange, timeZoneLabel, disabled }: DaypartingGridProps) {
  const [focus, setFocus] = useState(0);
  const paint = useRef<boolean | null>(null);
  const grid = value.length === CELLS ? value : '1'.repeat(CELLS);
  const cells = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    const stop = () => {
      paint.current = null;
    };
    window.addEventListener('pointerup', stop);
    return () => window.removeEventListener('pointerup', stop);
  }, []);

  // Pointer moves are read from the point under the pointer, so a drag paints with mouse and pen alike.
  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLFieldSetElement>) => {
      if (paint.current === null || disabled) return;
      const target = document.elementFromPoint(event.clientX, event.clientY);
      const index = Number((target as HTMLElement | null)?.dataset?.index ?? Number.NaN);
      if (Number.isInteger(index) && (grid[index] === '1') !== paint.current)
        onChange(set(grid, index, paint.current));
    },
    [grid, onChange, disabled],
  );

  function onKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const day = Math.floor(index / SLOTS_PER_DAY);
    const slot = index % SLOTS_PER_DAY;
    const moves: Record<string, [number, number]> = {
      ArrowRight: [day, Math.min(SLOTS_PER_DAY - 1, slot + 1)],
      ArrowLeft: [day, Math.max(0, slot - 1)],
      ArrowDown: [Math.min(DAYS.length - 1, day + 1), slot],
      ArrowUp: [Math.max(0, day - 1), slot],
      Home: [day, 0],
      End: [day, SLOTS_PER_DAY - 1],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const next = cellIndex(move[0], move[1]);
      setFocus(next);
      cells.current[next]?.focus();
    }
  }

  return (
    <div className="daypart">
      <div className="daypart-presets">
        {PRESETS.map((p) => (
          <button
            type="button"
            key={p.id}
            className="chip"
            aria-pressed={grid === p.grid}
            disabled={disabled}
            onClick={() => onChange(p.grid)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="daypart-scroll">
        <fieldset className="daypart-grid" onPointerMove={onPointerMove}>
          <legend className="visually-hidden">Half hours of the week, in {timeZoneLabel}</legend>
          <div className="daypart-hours" aria-hidden>
            <span />
            {HOURS.map((h) => (
              <span key={h}>{h % 3 === 0 ? String(h).padStart(2, '0') : ''}</span>
            ))}
          </div>
          {DAYS.map((dayName, day) => (
            <div className="daypart-row" key={dayName}>
              <span className="daypart-day" aria-hidden>
                {dayName.slice(0, 3)}
              </span>
              {SLOTS.map((slot) => {
                const index = cellIndex(day, slot);
                const on = grid[index] === '1';
                return (
                  <button
                    type="button"
                    key={slot}
                    data-index={index}
                    ref={(el) => {
                      cells.current[index] = el;
                    }}
                    className={`cell${on ? ' on' : ''}${slot % 2 === 1 ? ' half' : ''}`}
                    tabIndex={index === focus ? 0 : -1}
                    aria-pressed={on}
                    aria-label={`${dayName} ${slotLabel(slot)}`}
                    disabled={disabled}
                    onPointerDown={(e) => {
                      e.preventDefault();
                      paint.current = !on;
                      setFocus(index);
                      onChange(set(grid, index, !on));
                    }}
                    onKeyDown={(e) => {
                      if (e.key === ' ' || e.key === 'Enter') {
                        e.preventDefault();
                        onChange(set(grid, index, !on));
                      } else onKey(e, index);
                    }}
                  />
                );
              })}
            </div>
          ))}
        </fieldset>
      </div>
      <p className="hint" aria-live="polite">
        {summary(grid)} · times in {timeZoneLabel}. Drag across cells to switch them on or off.
      </p>
    </div>
  );
}
