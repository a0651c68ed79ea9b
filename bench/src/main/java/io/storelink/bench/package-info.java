/** The benchmark harness: figures as ratios against a floor measured in the same run. */
package io.storelink.bench;
