/**
 * The lab's views, one class each: a view's catalogue entry is its {@link org.seqlab.app.figures.ViewId}, and its
 * class ({@code HiddenView} …, a {@link org.seqlab.app.views.LabView}) holds its pane and toolbar, follows the
 * snapshots and asks the port for what it computes; {@link org.seqlab.app.views.LabViews} shows them in tabs by group.
 * How to add one: {@code docs/extending.md}.
 */
package org.seqlab.app.views;
