package io.sincro.listing;

/** Flow F5 scenarios on HSQLDB. */
class HsqldbListingTest extends ListingScenarios {
}
