package dev.verdant.cli;

import picocli.CommandLine;

/** Verdant's version from the jar manifest ("dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VerdantCommand.class.getPackage().getImplementationVersion();
        return new String[] {"verdant " + (v == null ? "dev" : v)};
    }
}
