/** PNG and CSV export of any view, from the UI and without a display. */
package org.seqlab.app.export;
