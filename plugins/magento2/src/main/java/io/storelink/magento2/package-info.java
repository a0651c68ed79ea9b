/** The Magento 2 platform plugin: its forms, its REST client and the mapping to Storelink's records. */
package io.storelink.magento2;
