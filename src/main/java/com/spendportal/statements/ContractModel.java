package com.spendportal.statements;

/** The two billing models of a HeyGen Enterprise API contract (DESIGN §1). */
public enum ContractModel {
    USAGE_BASED,
    DOLLAR_PACKAGE
}
