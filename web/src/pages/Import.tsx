import { Alert, Stack, Stepper } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ImportPreview } from '../../../api/import.js'
import type { Job } from '../../../api/jobs.js'
import { canEdit, useAuth } from '../auth.js'
import { PageHeader } from '../components/common.js'
import { type ColumnMapping, importsApi, invalidateLedger } from '../data/imports.js'
import { type ImportCounts, importCountsOf } from '../data/job-state.js'
import { DoneStep } from './import/DoneStep.js'
import { PreviewStep } from './import/PreviewStep.js'
import { UploadStep } from './import/UploadStep.js'

export { problemMessage } from '../components/ProblemTable.js'

/**
 * Import wizard: choose a CSV/XLSX file → the server parses it and answers a dry run (nothing written) →
 * the user reviews counts, column mapping and every rejected row → Confirm commits it in one transaction
 * (or as a job, whose progress the last step follows).
 */
export function ImportPage() {
  const { t, i18n } = useTranslation()
  const lang = i18n.resolvedLanguage ?? i18n.language
  const { user } = useAuth()
  const qc = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [result, setResult] = useState<ImportCounts | null>(null)
  /** The commit's job, when the server runs the commit as one. */
  const [jobId, setJobId] = useState<string | null>(null)
  const [jobEnded, setJobEnded] = useState(false)
  /** The person's column choices (header → field id or null), sent with every re-check and with the commit. */
  const [mapping, setMapping] = useState<ColumnMapping | null>(null)

  const upload = useMutation({
    mutationFn: importsApi.upload,
    onSuccess: (p) => {
      setPreview(p)
      setMapping(null)
    },
  })
  const remap = useMutation({
    mutationFn: (m: { importId: string; mapping: ColumnMapping }) => importsApi.remap(m.importId, m.mapping),
    onSuccess: (p) => setPreview(p),
  })
  const chooseField = (header: string, field: string | null) => {
    if (!preview) return
    const next = { ...(mapping ?? preview.mapping), [header]: field }
    setMapping(next)
    remap.mutate({ importId: preview.importId, mapping: next })
  }
  const commit = useMutation({
    mutationFn: (importId: string) => importsApi.commit(importId, mapping),
    onSuccess: (r) => {
      const counts = importCountsOf(r)
      if (!counts && r.jobId) {
        setJobId(r.jobId)
        return
      }
      if (counts) setResult(counts)
      else setJobEnded(true)
      void invalidateLedger(qc)
    },
  })
  const jobFinished = (job: Job) => {
    const counts = job.state === 'succeeded' ? importCountsOf(job.result) : null
    if (counts) setResult(counts)
    else setJobEnded(true)
    void invalidateLedger(qc)
  }

  const reset = () => {
    setFile(null)
    setPreview(null)
    setResult(null)
    setJobId(null)
    setJobEnded(false)
    setMapping(null)
    remap.reset()
    upload.reset()
    commit.reset()
  }

  if (!canEdit(user)) {
    return (
      <>
        <PageHeader title={t('import.title')} />
        <Alert color="gray">{t('import.noPermission')}</Alert>
      </>
    )
  }

  const step = result || jobId || jobEnded ? 2 : preview ? 1 : 0
  const uiLang = lang.startsWith('ja') ? 'ja' : 'en'

  return (
    <Stack gap="md">
      <PageHeader title={t('import.title')} />
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('import.step.choose')} description={t('import.step.chooseHint')}>
          <UploadStep
            file={file}
            onFile={setFile}
            onUpload={(f) => upload.mutate(f)}
            uploading={upload.isPending}
            error={upload.error}
            uiLang={uiLang}
          />
        </Stepper.Step>
        <Stepper.Step label={t('import.step.preview')} description={t('import.step.previewHint')}>
          {preview && (
            <PreviewStep
              preview={preview}
              remapping={remap.isPending}
              remapError={remap.error}
              onChoose={chooseField}
              committing={commit.isPending}
              commitError={commit.error}
              onCommit={() => commit.mutate(preview.importId)}
              onReset={reset}
              uiLang={uiLang}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('import.step.done')} description={t('import.step.doneHint')}>
          {(result || jobId || jobEnded) && (
            <DoneStep result={result} jobId={jobId} jobEnded={jobEnded} onJobFinished={jobFinished} onReset={reset} />
          )}
        </Stepper.Step>
      </Stepper>
    </Stack>
  )
}
