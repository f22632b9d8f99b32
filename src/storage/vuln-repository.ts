import type { VulnStore } from '../core/vulns/store.js'
import type { Db } from './database.js'
import { listAdvisories } from './vuln-advisory-list.js'
import { VulnComponentRepository } from './vuln-component-repository.js'
import { VulnFeedRepository } from './vuln-feed-repository.js'
import { VulnMatchRepository } from './vuln-match-repository.js'
import { VulnNotificationRepository } from './vuln-notification-repository.js'

/**
 * The vulnerability store (ADR 0030) over both dialects, composed of one repository per concern: feeds (advisories,
 * CVEs and their CPE index, KEV, EPSS, VEX), SBOMs and components, matches and reviews, feed sources, notifications
 * and settings. Every write is one transaction, with its audit entry where the method takes one.
 */
export class VulnRepository implements VulnStore {
  private readonly feeds: VulnFeedRepository
  private readonly parts: VulnComponentRepository
  private readonly found: VulnMatchRepository
  private readonly notes: VulnNotificationRepository

  constructor(private readonly db: Db) {
    this.feeds = new VulnFeedRepository(db)
    this.parts = new VulnComponentRepository(db)
    this.found = new VulnMatchRepository(db)
    this.notes = new VulnNotificationRepository(db)
  }

  putAdvisory: VulnStore['putAdvisory'] = (...a) => this.feeds.putAdvisory(...a)
  putCves: VulnStore['putCves'] = (...a) => this.feeds.putCves(...a)
  replaceKev: VulnStore['replaceKev'] = (...a) => this.feeds.replaceKev(...a)
  putEpss: VulnStore['putEpss'] = (...a) => this.feeds.putEpss(...a)
  replaceVex: VulnStore['replaceVex'] = (...a) => this.feeds.replaceVex(...a)
  listAdvisories: VulnStore['listAdvisories'] = (q) => listAdvisories(this.db, q)
  getAdvisory: VulnStore['getAdvisory'] = (...a) => this.feeds.getAdvisory(...a)
  advisoryDocuments: VulnStore['advisoryDocuments'] = () => this.feeds.advisoryDocuments()
  cveCandidates: VulnStore['cveCandidates'] = (...a) => this.feeds.cveCandidates(...a)
  cveFacts: VulnStore['cveFacts'] = (...a) => this.feeds.cveFacts(...a)
  vexStatements: VulnStore['vexStatements'] = () => this.feeds.vexStatements()
  counts: VulnStore['counts'] = () => this.feeds.counts()
  exportPage: VulnStore['exportPage'] = (...a) => this.feeds.exportPage(...a)

  insertSbom: VulnStore['insertSbom'] = (...a) => this.parts.insertSbom(...a)
  listSboms: VulnStore['listSboms'] = (...a) => this.parts.listSboms(...a)
  removeSbom: VulnStore['removeSbom'] = (...a) => this.parts.removeSbom(...a)
  components: VulnStore['components'] = (...a) => this.parts.components(...a)
  addComponent: VulnStore['addComponent'] = (...a) => this.parts.addComponent(...a)
  updateComponent: VulnStore['updateComponent'] = (...a) => this.parts.updateComponent(...a)
  removeComponent: VulnStore['removeComponent'] = (...a) => this.parts.removeComponent(...a)

  replaceMatches: VulnStore['replaceMatches'] = (...a) => this.found.replaceMatches(...a)
  matches: VulnStore['matches'] = (...a) => this.found.matches(...a)
  markNotified: VulnStore['markNotified'] = (...a) => this.found.markNotified(...a)
  putReview: VulnStore['putReview'] = (...a) => this.found.putReview(...a)
  removeReview: VulnStore['removeReview'] = (...a) => this.found.removeReview(...a)
  reviews: VulnStore['reviews'] = () => this.found.reviews()

  feedSources: VulnStore['feedSources'] = () => this.notes.feedSources()
  putFeedSource: VulnStore['putFeedSource'] = (...a) => this.notes.putFeedSource(...a)
  setFeedState: VulnStore['setFeedState'] = (...a) => this.notes.setFeedState(...a)
  addNotification: VulnStore['addNotification'] = (...a) => this.notes.addNotification(...a)
  notifications: VulnStore['notifications'] = (...a) => this.notes.notifications(...a)
  markRead: VulnStore['markRead'] = (...a) => this.notes.markRead(...a)
  setting: VulnStore['setting'] = (...a) => this.notes.setting(...a)
  putSetting: VulnStore['putSetting'] = (...a) => this.notes.putSetting(...a)
}
