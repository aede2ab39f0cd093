/** An achievement (credential template) an academy defines. */
import { z } from 'zod';

export const ACHIEVEMENT_TYPES = [
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'Competency',
  'Diploma',
  'ApprenticeshipCertificate',
  'License',
  'Course',
  'Award',
  'Badge',
  'MicroCredential',
  'Assessment',
  'Achievement',
] as const;

export const ASSESSMENT_METHODS = ['e-learning', 'classroom', 'observed-practice', 'blended', 'assessment'] as const;

export const achievementInput = z.object({
  name: z.string().trim().min(3, 'Enter a name of at least 3 characters').max(200),
  description: z.string().trim().min(10, 'Describe the achievement in at least 10 characters').max(4000),
  criteria: z.string().trim().min(10, 'Say what the learner had to do, in at least 10 characters').max(4000),
  achievementType: z.enum(ACHIEVEMENT_TYPES),
  level: z.string().trim().max(40).optional(),
  /** Months the credential stays valid; empty means the shortest refresher period of its aligned items. */
  validityMonths: z.coerce.number().int().min(1).max(240).optional(),
  assessmentMethod: z.enum(ASSESSMENT_METHODS),
  alignedIds: z.array(z.string().min(1).max(80)).min(1, 'Align the achievement to at least one catalogue item').max(30),
});

export type AchievementInput = z.infer<typeof achievementInput>;
