/** Where the user is in the wizard: three named steps, the current one marked for assistive technology too. */
import { useTranslation } from 'react-i18next';

export const wizardSteps = ['options', 'preview', 'delivery'] as const;
export type WizardStep = (typeof wizardSteps)[number];

export function StepList({ current }: { current: WizardStep }) {
  const { t } = useTranslation();
  const index = wizardSteps.indexOf(current);
  return (
    <ol className="steps" aria-label={t('wizard.stepsLabel')}>
      {wizardSteps.map((step, at) => (
        <li key={step} aria-current={step === current ? 'step' : undefined} className={at < index ? 'done' : undefined}>
          {t(`wizard.steps.${step}`)}
        </li>
      ))}
    </ol>
  );
}
