#!/usr/bin/perl
# physics-edition.pl -- the physics edition from the woven full edition.
#
#   perl tools/physics-edition.pl < paper/mumag.tex > paper/mumag-physics.tex
#
# noweave writes every code chunk as \nwbegincode{N} ... \nwendcode{}.  Each
# is replaced by \mmcode{LABEL}{NAME}: the chunk's own label and its name.  A
# run of chunks separated only by empty documentation becomes one marker line,
# \mmelided{...}, which the preamble of mumag.nw typesets as "code: <name 24a>"
# linked into paper/mumag.pdf.  A run of more than four chunks names its first
# two and its last and counts the rest.  Prose in a codenote environment
# (a sentence that only says why a chunk of code is there) is dropped with the
# code, and the chunks around it join into one marker.  The appendices of the
# program and of the tests, between two omit markers, are left out.  Everything else (prose, equations,
# figures, tables, numbers, bibliography) passes through untouched, and the
# first line switches mumag.nw's preamble to the physics edition.
use strict;
use warnings;

local $/;
my $tex = <STDIN>;
defined $tex or die "physics-edition.pl: no input\n";

# Balanced braces.
my $br;
$br = qr/\{(?:[^{}]++|(??{$br}))*\}/;

my $chunks = 0;
sub marker {
    my ($body) = @_;
    $chunks++;
    my ($label) = $body =~ /\\sublabel\{([^{}]+)\}/
      or die "physics-edition.pl: code chunk $chunks has no \\sublabel\n";
    my ($name) = $body =~ /\\moddef($br)/
      or die "physics-edition.pl: code chunk $chunks has no \\moddef\n";
    $name = substr($name, 1, -1);
    $name =~ s/~\{\\nwtagstyle\{\}\\subpageref\{[^{}]*\}\}$//;
    return "\x01\\mmcode{$label}{$name}\x02";
}

# The appendices of the program and its tests: everything between the two
# omit markers goes, replaced by \mmomitted; the labels defined there are
# listed in \mmomittedlabels, for the preamble to take from the full edition.
my @omitted;
if ($tex =~ s/^% physics-edition: omit from here\n(.*?)^% physics-edition: omit to here\n/
             my $gone = $1; push @omitted, $gone =~ m{\\label\{([^{}]+)\}}g; "\\mmomitted\n"/mse) {
    die "physics-edition.pl: a second omit marker\n" if $tex =~ /^% physics-edition: omit /m;
} elsif ($tex =~ /^% physics-edition: omit /m) {
    die "physics-edition.pl: an omit marker without its pair\n";
}

# Prose that only explains the code, set in mumag.nw as
# \begin{codenote} ... \end{codenote} inside a documentation chunk, goes with
# the code: a run of chunks whose documentation between them held nothing else
# then joins into one marker below.  A note may not hold code or another note.
my $notes = 0;
sub codenote {
    my ($note) = @_;
    $notes++;
    die "physics-edition.pl: codenote $notes holds a code chunk or another codenote (an \\end{codenote} missing?)\n"
      if $note =~ /\\nwbegincode|\\nwenddocs|\\begin\{codenote\}/;
    return '';
}
$tex =~ s/\\begin\{codenote\}(.*?)\\end\{codenote\}[ \t]*/codenote($1)/gse;
die "physics-edition.pl: \\end{codenote} without its \\begin{codenote}\n"
  if $tex =~ /\\end\{codenote\}/;
die "physics-edition.pl: \\begin{codenote} without its \\end{codenote}\n"
  if $tex =~ /\\begin\{codenote\}/;

$tex =~ s/\\nwbegincode\{\d+\}(.*?)\\nwendcode\{\}/marker($1)/gse;
$chunks > 0 or die "physics-edition.pl: no code chunk in the input\n";

# Two markers with only an empty documentation chunk between them join.
1 while $tex =~ s/(\x02)\s*\\nwbegindocs\{\d+\}(?:\\nwdocspar)?\s*\\nwenddocs\{\}\s*(?=\x01)/$1/g;

my $runs = 0;
$tex =~ s{((?:\x01[^\x01\x02]*\x02)+)}{
    my @m = $1 =~ /\x01([^\x01\x02]*)\x02/g;
    $runs++;
    my $list = @m > 4
      ? join(', ', @m[0, 1]) . ', \\mmcodemore{' . (@m - 3) . '} ' . $m[-1]
      : join(', ', @m);
    "\\mmelided{$list}"
}ge;

# A review article sets its text at 10pt (the full edition at 11pt, for code).
$tex =~ s/^\\documentclass\[11pt,/\\documentclass[10pt,/m;

die "physics-edition.pl: code left after the filter\n"
  if $tex =~ /\\nwbegincode|\\nwendcode/;

# The edition's two definitions come after the packages (\endofdump), where
# a pass from the preamble's format starts (tools/typeset.sh).
my $defs = "\\def\\mmphysicsedition{}% woven by tools/physics-edition.pl from mumag.tex\n"
  . "\\def\\mmomittedlabels{" . join(',', @omitted) . "}\n";
$tex =~ s/^(\\csname endofdump\\endcsname\n)/$1$defs/m
  or die "physics-edition.pl: no \\csname endofdump\\endcsname line in mumag.tex\n";
print $tex;
printf STDERR "physics edition: %d code chunks elided in %d markers, %d code notes\n", $chunks, $runs, $notes
  if $ENV{V};
