"""Joint approval (联办 / 并联审批, JA): the lead department, parallel review and deemed approval."""
