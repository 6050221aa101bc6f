// Whether the person asked their system for less motion (prefers-reduced-motion): antd's transitions and the
// charts' drawing animation are then switched off. Read once at start, as a change of the setting is rare.
export const prefersReducedMotion: boolean =
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;
