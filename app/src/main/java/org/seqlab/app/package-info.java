/** SeqLab's application: the lab window (shell, lab, views, export) and the headless command line (cli). */
package org.seqlab.app;
