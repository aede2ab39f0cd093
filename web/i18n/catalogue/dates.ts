/**
 * Dates in words. Month names come from the catalogue rather than the runtime's locale data, so a Welsh page shows
 * Welsh months on every runtime (Workers carry no Welsh locale data and would fall back to English).
 */

export const en = {
  'date.month1': 'January',
  'date.month2': 'February',
  'date.month3': 'March',
  'date.month4': 'April',
  'date.month5': 'May',
  'date.month6': 'June',
  'date.month7': 'July',
  'date.month8': 'August',
  'date.month9': 'September',
  'date.month10': 'October',
  'date.month11': 'November',
  'date.month12': 'December',
  'date.day': '{day} {month} {year}',
  'date.dayAtTime': '{date} at {time}',
} as const;

export const cy: { readonly [K in keyof typeof en]?: string } = {
  'date.month1': 'Ionawr',
  'date.month2': 'Chwefror',
  'date.month3': 'Mawrth',
  'date.month4': 'Ebrill',
  'date.month5': 'Mai',
  'date.month6': 'Mehefin',
  'date.month7': 'Gorffennaf',
  'date.month8': 'Awst',
  'date.month9': 'Medi',
  'date.month10': 'Hydref',
  'date.month11': 'Tachwedd',
  'date.month12': 'Rhagfyr',
  'date.dayAtTime': '{date} am {time}',
};

/** The key of a month's name (1 = January). */
export type MonthKey = `date.month${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12}`;
