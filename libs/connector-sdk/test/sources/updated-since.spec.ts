import { UpdatedSince } from '#connector-sdk';

const at = (time: string) => Date.parse(time);

describe('UpdatedSince', () => {
  it('asks from the checkpoint less the margin, a second by default', () => {
    expect(new UpdatedSince().askFrom(at('2026-11-02T10:00:05Z'))).toBe(at('2026-11-02T10:00:04Z'));
    expect(new UpdatedSince(5000).askFrom(at('2026-11-02T10:00:05Z'))).toBe(at('2026-11-02T10:00:00Z'));
  });

  it('moves the checkpoint to the newest change seen, in any order, leaving unreadable times out', () => {
    const since = new UpdatedSince();
    for (const time of ['2026-11-02T10:00:03Z', '2026-11-02T10:00:09Z', 'yesterday', '2026-11-02T10:00:01Z'])
      since.saw(Date.parse(time));
    expect(since.next()).toBe(at('2026-11-02T10:00:09Z'));
  });

  it('never moves it past the shop clock when the read began, taken from the first answer only', () => {
    const since = new UpdatedSince();
    since.answered('Mon, 02 Nov 2026 10:00:05 GMT');
    since.answered('Mon, 02 Nov 2026 10:00:30 GMT');
    since.saw(at('2026-11-02T10:00:20Z'));
    expect(since.next()).toBe(at('2026-11-02T10:00:05Z'));
  });

  it('keeps the previous checkpoint (null) when the read saw no change, and ignores an unreadable Date header', () => {
    const since = new UpdatedSince();
    since.answered('not a date');
    expect(since.next()).toBeNull();
    since.saw(at('2026-11-02T10:00:20Z'));
    expect(since.next()).toBe(at('2026-11-02T10:00:20Z'));
  });
});
