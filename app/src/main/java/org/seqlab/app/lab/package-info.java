/** The lab: its view-model, the controls panel with every hyperparameter, and the wiring of snapshots to views. */
package org.seqlab.app.lab;
