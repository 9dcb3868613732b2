/*
 * interface-name.c: an uplink's interface that does not look like its CPE
 * vendor's naming (Junos ge-0/0/1, IOS-XE GigabitEthernet0/0/1, EOS
 * Ethernet1, ...). The patterns live with each backend (vendors/); this rule
 * only asks the registry. Under `ecrc emit --vendor=NAME` every CPE is judged
 * as NAME, since that is the language its config is written in, and a name
 * that does not fit is an error (vendors.md, the --vendor paragraph): the
 * device refuses the first interface line and loads the sub-interface lines
 * into the wrong context, so emit writes nothing unless --force.
 */
#include "lint/lint.h"
#include "vendors/vendor.h"

static void check_uplink(struct ecrc_check *ck, const struct ecrc_vendor *v, const struct ecrc_cpe *cpe,
                         const struct ecrc_uplink *u)
{
	struct ecrc_finding *f;

	if (!u->interface || ecrc_vendor_iface_ok(v, u->interface))
		return;
	if (ck->opt->vendor_override) {
		f = ecrc_report_sev(
		    ck, ECRC_SEV_ERROR, &u->node,
		    "interface '%s' of %s is not a %s interface name such as %s, and the config "
		    "is emitted for %s (--vendor=%s): a %s router would refuse the interface "
		    "line and read the sub-interface lines in the wrong context; rename the port "
		    "in the design, or emit with --force to use it as written",
		    u->interface, u->id, v->display, v->iface_example ? v->iface_example : "", v->display,
		    v->name, v->display);
		ecrc_report_note(ck, f, &cpe->node, "%s is a %s CPE in the design (vendor=\"%s\")", cpe->id,
		                 cpe->vendor ? cpe->vendor : "?", cpe->vendor ? cpe->vendor : "");
		return;
	}
	f = ecrc_report(ck, &u->node,
	                "interface '%s' of %s does not look like a %s interface name such as %s: the emitted "
	                "config would build the VLAN %u sub-interface on a port %s may not have; write the "
	                "port's full name as the router shows it",
	                u->interface, u->id, v->display, v->iface_example ? v->iface_example : "",
	                (unsigned)u->vlan, cpe->hostname ? cpe->hostname : cpe->id);
	ecrc_report_note(ck, f, &cpe->node, "%s is a %s router (vendor=\"%s\")", cpe->id, v->display,
	                 v->name);
}

static void check(struct ecrc_check *ck)
{
	for (const struct ecrc_datacenter *dc = ck->design->dcs; dc; dc = dc->next) {
		for (const struct ecrc_cpe *cpe = dc->cpes; cpe; cpe = cpe->next) {
			const char *name = ck->opt->vendor_override ? ck->opt->vendor_override : cpe->vendor;
			const struct ecrc_vendor *v = name ? ecrc_vendor_find(name) : NULL;

			for (const struct ecrc_uplink *u = v ? cpe->uplinks : NULL; u; u = u->next)
				check_uplink(ck, v, cpe, u);
		}
	}
}

const struct ecrc_rule ecrc_rule_interface_name = {
    .id = "interface-name",
    .severity = ECRC_SEV_WARNING,
    .summary = "an uplink's interface does not look like its CPE vendor's naming",
    .check = check,
};
