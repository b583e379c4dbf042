// The profile image, or an identicon drawn from the address when there is none:
// the same address always gets the same picture, so users learn to recognise it.
function hash(text: string): number {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function Identicon({ address, size = 32 }: { address: string; size?: number }) {
  const h = hash(address);
  const hue = h % 360;
  const cells: { x: number; y: number }[] = [];
  let bits = hash(address + ":grid");
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (bits & 1) cells.push({ x, y }, ...(x < 2 ? [{ x: 4 - x, y }] : []));
      bits >>>= 1;
    }
  }
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 5 5"
      aria-hidden="true"
      className="shrink-0 rounded-md"
      style={{ background: `hsl(${hue} 60% 92%)` }}
    >
      {cells.map((c) => (
        <rect key={`${c.x}-${c.y}`} x={c.x} y={c.y} width="1" height="1" fill={`hsl(${hue} 55% 45%)`} />
      ))}
    </svg>
  );
}

export function Avatar({ address, image, size = 32 }: { address: string; image?: string | null; size?: number }) {
  if (image) {
    // A data: URL the user uploaded; next/image adds nothing for those.
    return (
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={image}
        alt=""
        width={size}
        height={size}
        className="shrink-0 rounded-md object-cover"
        style={{ width: size, height: size }}
      />
    );
  }
  return <Identicon address={address} size={size} />;
}
