/**
 * The one way the app works in the background: {@link org.seqlab.app.work.Background} runs work off the UI thread (or
 * waits for the engine thread's answer), then hands the result or the failure back on the UI thread, with progress
 * and cancel. {@link org.seqlab.app.work.FxBackground} is the window's; {@link org.seqlab.app.work.CallingThread}
 * runs everything at once on the caller's thread, so view-model code tests without a toolkit (as JabRef's
 * TaskExecutor does). {@link org.seqlab.app.work.Failure} takes the wrappers off a failure and words it for the user.
 */
package org.seqlab.app.work;
