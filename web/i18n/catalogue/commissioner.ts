/** Words of the commissioner's workforce dashboard: filters, charts, figure tables and downloads. English only for now. */

export const en = {
  'commissioner.title': 'Workforce intelligence',
  'commissioner.titleOf': 'Workforce intelligence · {name}',
  'commissioner.intro':
    'Anonymous figures about care workers in your areas who agreed to be counted and whose training or employment is confirmed by a recognised academy or an approved employer. No names, contact details or other identifiers are shown or exported. Figures are published monthly, not live. {method}',
  'commissioner.whatChanged': 'What changed:',
  // Row headings and what each table counts
  'commissioner.rowCategories': 'Role category',
  'commissioner.rowBands': 'Band',
  'commissioner.rowQualifications': 'Highest level',
  'commissioner.rowTraining': 'Training subject',
  'commissioner.rowDelegated': 'Delegated activity',
  'commissioner.rowProgression': 'Quarter',
  'commissioner.rowIssuers': 'Academy or training provider',
  'commissioner.explainCategories':
    "Each worker's current role, placed in the Care Workforce Pathway. Roles on other ladders are placed through indicative equivalences.",
  'commissioner.explainBands':
    "The band of each worker's current role (NHS Agenda for Change or Wales), directly or through indicative equivalences.",
  'commissioner.explainQualifications':
    'Each worker counts once, at the highest qualification level among their credentials (apprenticeships and diplomas; a legacy award at the level recorded on it).',
  'commissioner.explainTraining':
    "For each subject, each worker's newest credential (revoked and renewed ones ignored): in date, ending within {days} days, or ended.",
  'commissioner.explainDelegated':
    'Workers whose newest credential for the activity is in date (delegated activities are re-assessed every year).',
  'commissioner.explainProgression':
    'Role changes recorded by consenting workers that moved them up a band (or up their ladder), by quarter.',
  'commissioner.explainIssuers':
    'Credentials issued on this platform to the counted workers, by the academy that issued them (any status).',
  // Tables and charts
  'commissioner.inDate': 'In date',
  'commissioner.expiringWithin': 'Expiring within {days} days',
  'commissioner.expired': 'Expired',
  'commissioner.noRecord': 'No record',
  'commissioner.figures': '{title}: figures',
  'commissioner.allWorkers': 'All workers',
  'commissioner.share': 'Share',
  'commissioner.total': 'Total',
  'commissioner.trainingChart':
    'For each mandatory training subject, the share of counted workers in date, expiring, expired or with no record, drawn from the published figures (protected ones are left out). The figures are in the table below.',
  'commissioner.count': 'Count',
  'commissioner.barChart': '{count} for each {row}. The figures are in the table below.',
  'commissioner.barChartLargest':
    '{count} for each {row} (the {shown} largest shown). The figures are in the table below.',
  'commissioner.figuresHidden': '{label} (some figures hidden)',
  // Filters and figures
  'commissioner.noAreas':
    'No areas are recorded for this organisation yet. The platform team adds the local authorities a commissioner covers.',
  'commissioner.filter': 'Filter the figures',
  'commissioner.area': 'Area',
  'commissioner.allAreas': 'All your areas',
  'commissioner.category': 'Role category',
  'commissioner.allCategories': 'All role categories',
  'commissioner.show': 'Show figures',
  'commissioner.noneRecorded': 'None recorded.',
  'commissioner.outOf': 'Out of {count} counted workers.',
  'commissioner.download': 'Download “{title}” as CSV',
  'commissioner.tooFew':
    'Too few counted workers match these filters, so no figures are shown. Choose a wider area or all role categories.',
  'commissioner.noRelease': 'No figures have been published yet: the first monthly release has not been cut.',
  'commissioner.population': 'Counted workers (consenting and verified): {count}',
  'commissioner.csvNoFigures':
    'Too few counted workers match these filters, or no release is published yet; no figures are shown.',
} as const;

/** The commissioner's dashboard is English only for now. */
export const cy: { readonly [K in keyof typeof en]?: string } = {};
