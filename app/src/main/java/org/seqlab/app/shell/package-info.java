/** The main window, its menus, shortcuts and status bar, and the JavaFX application. */
package org.seqlab.app.shell;
