import { useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, ArrowRight, Check, Lock, Rocket } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { accountKey, useAdGroup, useCampaign, useLibrary } from '../../../api/advertiser';
import { isApiError, messageOf } from '../../../api/client';
import { useInterests } from '../../../api/hooks';
import type { AdWithWarnings } from '../../../api/types';
import { Button } from '../../../components/button';
import { ErrorSummary, focusFirstInvalid } from '../../../components/field';
import { PageHeader } from '../../../components/page';
import { EmptyState, ErrorState, Spinner } from '../../../components/states';
import { OBJECTIVE_GOALS } from '../../../lib/labels';
import { useAdAccount } from '../../../session/session';
import { CreateAside } from './create-aside';
import {
  checkAd,
  checkAdGroup,
  checkCampaign,
  type Draft,
  goalDefaults,
  NO_ERRORS,
  newDraft,
  type Stage,
  type StageErrors,
  suggestedBid,
} from './draft';
import { LaunchError, launch } from './launch';
import { Launched } from './launched';
import { StepAd } from './step-ad';
import { StepAdGroup } from './step-ad-group';
import { StepCampaign } from './step-campaign';
import { type StepId, StepReview } from './step-review';

const STEP_LABELS: Record<StepId, string> = {
  campaign: 'Objective',
  adGroup: 'Ad group',
  ad: 'Ad',
  review: 'Review',
};
const STAGE_STEP: Record<Stage, StepId> = { campaign: 'campaign', adGroup: 'adGroup', ad: 'ad' };
const STAGE_NOUN: Record<Stage, string> = { campaign: 'campaign', adGroup: 'ad group', ad: 'ad' };

function restore(key: string): Draft | null {
  try {
    const text = sessionStorage.getItem(key);
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

/** The create flow: objective → ad group → ads (with the phone preview) → review and launch. */
export function CreatePage() {
  const { account, canWrite } = useAdAccount();
  const [params] = useSearchParams();
  const adGroupParam = params.get('ad_group_id');
  const campaignParam = params.get('campaign_id');
  const postParam = params.get('post_id');
  const storageKey = `kindling.draft.${account.id}.${params.toString()}`;

  const existingGroup = useAdGroup(account.id, adGroupParam ?? undefined);
  const existingCampaign = useCampaign(account.id, campaignParam ?? existingGroup.data?.campaign_id);
  const library = useLibrary(account.id);
  const interests = useInterests();
  const queryClient = useQueryClient();

  const initial = () => {
    const draft = restore(storageKey) ?? newDraft(account.time_zone, postParam);
    return {
      ...draft,
      campaign: { ...draft.campaign, existingId: campaignParam },
      adGroup: { ...draft.adGroup, existingId: adGroupParam },
    };
  };
  const [draft, setDraft] = useState<Draft>(initial);
  const steps: StepId[] = adGroupParam
    ? ['ad', 'review']
    : campaignParam
      ? ['adGroup', 'ad', 'review']
      : ['campaign', 'adGroup', 'ad', 'review'];
  const [step, setStep] = useState<StepId>(steps[0] ?? 'campaign');
  // Client checks run live once a step has been submitted; API errors stay until their step changes.
  const [attempted, setAttempted] = useState<Record<Stage, boolean>>({
    campaign: false,
    adGroup: false,
    ad: false,
  });
  const [serverErrors, setServerErrors] = useState<StageErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<{ stage: Stage; message: string } | null>(null);
  const [progress, setProgress] = useState<string | null>(null);
  const [launched, setLaunched] = useState<AdWithWarnings[] | null>(null);
  const [previewPostId, setPreviewPostId] = useState<string | null>(postParam);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (launched) return;
    try {
      sessionStorage.setItem(storageKey, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the draft lives in memory only.
    }
  }, [draft, storageKey, launched]);

  const sparkByPost = useMemo(() => new Map(library.items.map((s) => [s.post.id, s])), [library.items]);
  const selectedPosts = draft.ad.postIds.flatMap((id) => sparkByPost.get(id) ?? []);
  const objective = existingCampaign.data?.objective_type ?? draft.campaign.objective;
  const campaignBudgetMode = existingCampaign.data?.budget_mode ?? draft.campaign.budgetMode;

  // Adding to an existing campaign: its objective decides the goals and billing events on offer.
  const existingObjective = existingCampaign.data?.objective_type;
  useEffect(() => {
    if (!existingObjective) return;
    setDraft((d) =>
      OBJECTIVE_GOALS[existingObjective].includes(d.adGroup.goal)
        ? d
        : {
            ...d,
            adGroup: {
              ...d.adGroup,
              ...goalDefaults(existingObjective),
              bid: suggestedBid(goalDefaults(existingObjective).billingEvent),
            },
          },
    );
  }, [existingObjective]);

  // Each step starts at the top of the page, unless it opens to show an invalid field.
  const pendingFocus = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (pendingFocus.current) {
      pendingFocus.current = false;
      focusFirstInvalid(formRef.current);
    } else window.scrollTo({ top: 0 });
  }, [step]);

  const checksFor = (stage: Stage) =>
    stage === 'campaign'
      ? checkCampaign(draft)
      : stage === 'adGroup'
        ? checkAdGroup(draft, campaignBudgetMode)
        : checkAd(draft);

  const campaignSlice = JSON.stringify(draft.campaign);
  const adGroupSlice = JSON.stringify(draft.adGroup);
  const adSlice = JSON.stringify(draft.ad);
  // biome-ignore lint/correctness/useExhaustiveDependencies: an edit to a step clears that step's API errors
  useEffect(
    () => setServerErrors((all) => (all.campaign.length ? { ...all, campaign: [] } : all)),
    [campaignSlice],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  useEffect(
    () => setServerErrors((all) => (all.adGroup.length ? { ...all, adGroup: [] } : all)),
    [adGroupSlice],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above
  useEffect(() => setServerErrors((all) => (all.ad.length ? { ...all, ad: [] } : all)), [adSlice]);

  const errorsOf = (stage: Stage) => [...(attempted[stage] ? checksFor(stage) : []), ...serverErrors[stage]];
  const errors: StageErrors = {
    campaign: errorsOf('campaign'),
    adGroup: errorsOf('adGroup'),
    ad: errorsOf('ad'),
  };

  function show(stage: Stage, fromServer: StageErrors[Stage] = []) {
    setAttempted((all) => ({ ...all, [stage]: true }));
    setServerErrors((all) => ({ ...all, [stage]: fromServer }));
    if (STAGE_STEP[stage] === step) focusFirstInvalid(formRef.current);
    else {
      pendingFocus.current = true;
      setStep(STAGE_STEP[stage]);
    }
  }

  function goNext() {
    const stage = step === 'review' ? null : (step as Stage);
    if (stage) {
      const list = checksFor(stage);
      if (list.length) return show(stage);
    }
    const next = steps[steps.indexOf(step) + 1];
    if (next) setStep(next);
  }

  async function onLaunch() {
    for (const stage of ['campaign', 'adGroup', 'ad'] as Stage[]) {
      const list = checksFor(stage);
      if (list.length) return show(stage);
    }
    setFailure(null);
    setServerErrors(NO_ERRORS);
    try {
      const created = await launch(
        account.id,
        draft,
        (c) => setDraft((d) => ({ ...d, created: c })),
        setProgress,
        (postId) => {
          const spark = sparkByPost.get(postId);
          if (!spark) return undefined;
          const caption =
            spark.post.caption.length > 48 ? `${spark.post.caption.slice(0, 47)}…` : spark.post.caption;
          return `@${spark.creator.handle} · ${caption}`;
        },
      );
      const ads = draft.ad.postIds.flatMap((id) => created.ads[id] ?? []);
      sessionStorage.removeItem(storageKey);
      setLaunched(ads);
    } catch (error) {
      const stage = error instanceof LaunchError ? error.stage : 'ad';
      const cause = error instanceof LaunchError ? error.error : error;
      const fieldErrors = isApiError(cause) ? cause.errors : [];
      const post = error instanceof LaunchError && error.postId ? sparkByPost.get(error.postId) : undefined;
      setFailure({
        stage,
        message: `The ${STAGE_NOUN[stage]}${post ? ` for @${post.creator.handle}’s post` : ''} could not be created: ${messageOf(cause)}`,
      });
      show(stage, fieldErrors);
    } finally {
      setProgress(null);
      void queryClient.invalidateQueries({ queryKey: accountKey(account.id) });
    }
  }

  function startOver() {
    sessionStorage.removeItem(storageKey);
    setDraft(newDraft(account.time_zone));
    setLaunched(null);
    setServerErrors(NO_ERRORS);
    setAttempted({ campaign: false, adGroup: false, ad: false });
    setFailure(null);
    setStep(steps[0] ?? 'campaign');
  }

  if (!canWrite)
    return (
      <div className="card" style={{ marginTop: 24 }}>
        <EmptyState icon={<Lock size={22} />} title="Read-only access">
          Analysts can see campaigns and the library but not create ads. Ask an admin of {account.name}.
        </EmptyState>
      </div>
    );
  if (existingGroup.error || existingCampaign.error)
    return (
      <ErrorState
        error={existingGroup.error ?? existingCampaign.error}
        onRetry={() => window.location.reload()}
      />
    );
  if ((adGroupParam && existingGroup.isLoading) || (campaignParam && existingCampaign.isLoading))
    return <Spinner />;

  if (launched)
    return (
      <>
        <PageHeader title="Launched" />
        <Launched account={account} ads={launched} sparkByPost={sparkByPost} onAnother={startOver} />
      </>
    );

  const title = adGroupParam
    ? `Add ads to “${existingGroup.data?.adgroup_name ?? 'ad group'}”`
    : campaignParam
      ? `Add an ad group to “${existingCampaign.data?.campaign_name ?? 'campaign'}”`
      : 'Create a campaign';
  const index = steps.indexOf(step);
  const stageErrors = step === 'review' ? [] : errors[step as Stage];
  const shownFields = new Set(['post_id', 'landing_page_url', 'call_to_action']);
  const orphanErrors =
    step === 'ad'
      ? stageErrors.filter((e) => !shownFields.has(e.field))
      : stageErrors.filter((e) => e.field === '(body)');

  return (
    <>
      <PageHeader
        title={title}
        description={`${account.name} · ${account.currency} · ${account.time_zone.replace('_', ' ')}`}
        actions={
          <Link className="btn ghost" to="/ads/campaigns">
            Cancel
          </Link>
        }
      />
      <ol className="stepper" aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s}
            className={i < index ? 'done' : i === index ? 'current' : ''}
            aria-current={i === index ? 'step' : undefined}
          >
            <button
              type="button"
              aria-label={`Step ${i + 1}: ${STEP_LABELS[s]}${i < index ? ' (done)' : ''}`}
              disabled={i > index || progress !== null}
              onClick={() => setStep(s)}
            >
              <span className="step-dot" aria-hidden>
                {i < index ? <Check size={13} strokeWidth={3} /> : i + 1}
              </span>
              <span className="step-label">{STEP_LABELS[s]}</span>
            </button>
          </li>
        ))}
      </ol>
      <div className="create-layout">
        <div className="create-main stack" ref={formRef} style={{ gap: 16 }}>
          {failure && STAGE_STEP[failure.stage] === step && (
            <div className="callout red" role="alert">
              <span>{failure.message}</span>
            </div>
          )}
          <ErrorSummary title="Please check" errors={orphanErrors} />
          {step === 'campaign' &&
            (draft.created.campaignId ? (
              <div className="callout green">
                <Check size={18} aria-hidden />
                <span>
                  This campaign was created in your previous attempt; change it later in Ads Manager.
                </span>
              </div>
            ) : (
              <StepCampaign draft={draft} update={setDraft} errors={errors.campaign} account={account} />
            ))}
          {step === 'adGroup' &&
            (draft.created.adGroupId ? (
              <div className="callout green">
                <Check size={18} aria-hidden />
                <span>
                  This ad group was created in your previous attempt; change it later in Ads Manager.
                </span>
              </div>
            ) : (
              <StepAdGroup
                draft={draft}
                update={setDraft}
                errors={errors.adGroup}
                account={account}
                objective={objective}
                campaignBudgetMode={campaignBudgetMode}
              />
            ))}
          {step === 'ad' && (
            <StepAd
              draft={draft}
              update={setDraft}
              errors={errors.ad}
              library={library.items}
              libraryLoading={library.isLoading}
              timeZone={account.time_zone}
              onPreview={setPreviewPostId}
            />
          )}
          {step === 'review' && (
            <StepReview
              draft={draft}
              account={account}
              posts={selectedPosts}
              interests={interests.data ?? []}
              existingCampaign={existingCampaign.data}
              existingGroup={existingGroup.data}
              goTo={setStep}
            />
          )}
        </div>
        <CreateAside
          step={step}
          draft={draft}
          account={account}
          posts={selectedPosts}
          previewPostId={previewPostId}
          onPreview={setPreviewPostId}
          objective={objective}
        />
      </div>
      <div className="create-footer">
        <Button
          icon={<ArrowLeft size={16} aria-hidden />}
          disabled={index === 0 || progress !== null}
          onClick={() => setStep(steps[index - 1] ?? step)}
        >
          Back
        </Button>
        <span className="create-progress" aria-live="polite">
          {progress ?? `Step ${index + 1} of ${steps.length}`}
        </span>
        {step === 'review' ? (
          <Button
            variant="primary"
            size="large"
            icon={<Rocket size={17} aria-hidden />}
            loading={progress !== null}
            onClick={onLaunch}
          >
            {adGroupParam ? 'Create ads' : 'Launch'}
          </Button>
        ) : (
          <Button variant="primary" size="large" onClick={goNext}>
            Continue <ArrowRight size={16} aria-hidden />
          </Button>
        )}
      </div>
    </>
  );
}
