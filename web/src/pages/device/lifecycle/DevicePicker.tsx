import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { deviceKeys, devicesApi } from '../../../data/devices.js'

/**
 * Picks a device by asset tag, name or address through the ledger's search (GET /api/devices?q=…). The value is the
 * device id; the label shows asset tag, name and model so two similar devices can be told apart.
 */
export function DevicePicker({
  label,
  value,
  onChange,
  required,
}: {
  label: string
  value: string | null
  onChange: (id: string | null) => void
  required?: boolean
}) {
  const [search, setSearch] = useState('')
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null)
  // Once a device is chosen the box shows its label: that is not a new search.
  const [q] = useDebouncedValue(picked && search === picked.label ? '' : search, 250)
  const filters = { q: q || undefined, limit: 20 }
  const list = useQuery({ queryKey: deviceKeys.list(filters), queryFn: () => devicesApi.list(filters) })
  const found = (list.data?.items ?? []).map((d) => ({
    value: d.id,
    label: [d.assetTag, d.name, d.model].filter(Boolean).join(' / ') || d.id,
  }))
  const data = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found
  return (
    <Select
      label={label}
      required={required}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null)
        onChange(id)
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage="—"
      w={360}
    />
  )
}
