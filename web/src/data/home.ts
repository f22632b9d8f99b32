/** The home page's one request (GET /api/home → homeView): riskiest devices, urgent actions, summaries. */
import { reportsApi } from './reports.js'

export type { HomeView } from './reports.js'

export const homeKeys = { all: ['home'] as const, view: () => [...homeKeys.all, 'view'] as const }

export const homeApi = { view: reportsApi.home }
