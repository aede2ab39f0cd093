/** A small workforce catalogue for unit tests. */
import type { WorkforceCatalogue } from '../../worker/services/workforce/catalogue';

/** Fire safety and moving and handling (subjects), insulin (a task), and qualifications incl. a legacy 2-4 range. */
export const unitCatalogue = (): WorkforceCatalogue => ({
  categories: [
    { key: 'cwp-a', label: 'A' },
    { key: 'other', label: 'Other' },
    { key: 'none', label: 'None' },
  ],
  categoryOfRole: new Map([['cwp-a', 'cwp-a']]),
  bands: [{ key: 'none', label: 'No band' }],
  bandOfRole: new Map(),
  subjects: [
    { id: 'cstf-fire', name: 'Fire safety' },
    { id: 'cstf-mh-l2', name: 'Moving and handling' },
  ],
  tasks: [{ id: 'dha-insulin', name: 'Insulin' }],
  subjectIndex: new Map([
    ['cstf-fire', 0],
    ['cstf-mh-l2', 1],
  ]),
  taskIndex: new Map([['dha-insulin', 0]]),
  qualLevels: new Map([
    ['l2', { min: 2, max: 2 }],
    ['l3', { min: 3, max: 3 }],
    ['l5', { min: 5, max: 5 }],
    ['legacy', { min: 2, max: 4 }],
  ]),
  key: 'unit',
});
