/** Sources generated in code from finite state machines, so their entropy rate and window floor are exact. */
package org.seqlab.engine.data.synthetic;
