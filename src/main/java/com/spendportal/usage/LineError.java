package com.spendportal.usage;

/** Why a line of an import was refused; {@code lineNumber} 0 is about the file as a whole. */
public record LineError(int lineNumber, String message) {
}
