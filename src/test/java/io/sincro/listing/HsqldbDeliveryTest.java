package io.sincro.listing;

/** The delivery scenarios (issue 13) on HSQLDB. */
class HsqldbDeliveryTest extends DeliveryScenarios {
}
