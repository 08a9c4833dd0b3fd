package io.sincro.listing.filter;

/** The article facts and filter preview scenarios on HSQLDB. */
class HsqldbFilterPreviewTest extends FilterPreviewScenarios {
}
