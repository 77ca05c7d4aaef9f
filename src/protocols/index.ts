/** Every protocol registers itself at import; the composition root imports this file once. */
import './ethernet.js';
import './vlan.js';
import './sll.js';
import './null.js';
import './rawip.js';
import './ipv4.js';
import './ipv6.js';
import './icmp.js';
import './udp.js';
