/** Words of the one-page passport summary a worker prints or saves as a PDF. */

export const en = {
  'print.title': 'My passport: summary to print',
  'print.howTo': "Use your browser's Print command to print this page or save it as a PDF.",
  'print.heading': 'Care Passport: {name}',
  'print.countOne': '1 certificate, each signed by the organisation that issued it.',
  'print.countMany': '{count} certificates, each signed by the organisation that issued it.',
  'print.certificate': 'Certificate',
  'print.validUntil': 'Valid until',
  'print.status': 'Status',
  'print.statusExpiring': 'Valid, refresher due soon',
} as const;

export const cy: { [K in keyof typeof en]?: string } = {
  'print.title': 'Fy mhasbort: crynodeb i’w argraffu',
  'print.howTo': 'Defnyddiwch orchymyn Argraffu eich porwr i argraffu’r dudalen hon neu i’w chadw fel PDF.',
  'print.heading': 'Care Passport: {name}',
  'print.countOne': '1 dystysgrif, wedi’i llofnodi gan y sefydliad a’i cyhoeddodd.',
  'print.countMany': '{count} o dystysgrifau, pob un wedi’i llofnodi gan y sefydliad a’i cyhoeddodd.',
  'print.certificate': 'Tystysgrif',
  'print.validUntil': 'Dilys tan',
  'print.status': 'Statws',
  'print.statusExpiring': 'Dilys, hyfforddiant gloywi’n ddyledus cyn bo hir',
};
