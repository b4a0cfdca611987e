#!/bin/sh
# tools/plot.sh NAME DATE -- draw figures/NAME.tex and figures/NAME.pdf with
# gnuplot from tangled/plots/NAME.gp and figures/NAME.dat, atomically.
#
# gnuplot runs in paper/, where LaTeX runs, so the \includegraphics path that
# cairolatex writes into the .tex resolves.  It draws under a temporary name
# of this run's own; the picture is checked to be complete (gnuplot ignores a
# failed write), its path in the .tex is set to the final name, and cairo's
# creation date (cairo 1.16 ignores SOURCE_DATE_EPOCH) is overwritten, digit
# for digit so that the PDF's byte offsets stay valid, with DATE
# (YYYYMMDDhhmmss, the last commit's).  Then the PDF is renamed into place,
# and the .tex last: the .tex is make's target, so a kill at any moment leaves
# a .tex older than its data, which the next make draws again.
set -u
name=$1 date=$2
cd paper || exit 1
tmp=$(mktemp -d "../figures/.$name.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
t=$tmp/$name
gnuplot -e "outfile='$t.tex'; datafile='../figures/$name.dat'" \
  ../tangled/plots/style.gp "../tangled/plots/$name.gp" || exit 1
# One perl for the checks and both rewrites (each under a name of this run's
# own, its writes checked: a full disk or a file-size limit is an error).
perl -e '
  my ($t, $name, $date) = @ARGV;
  sub fail { print STDERR "figures/$name.tex: @_\n"; exit 1 }
  sub slurp { open(my $f, "<", $_[0]) or return ""; local $/; my $s = <$f>; $s // "" }
  sub put { my ($n, $s) = @_; my $f;
            open($f, ">", $n) && (print $f $s) && close($f) && chmod(0644, $n)
              or fail("cannot write $n: $! (disk full?)") }
  my $pdf = slurp("$t.pdf");
  $pdf =~ /%%EOF\n\z/ or fail("gnuplot wrote no complete figures/$name.pdf (disk full?)");
  my $tex = slurp("$t.tex");
  $tex =~ /^\\endgroup\n?\z/m or fail("gnuplot wrote an incomplete figure (disk full?)");
  $pdf =~ s{(/CreationDate \(D:)\d{14}}{$1$date}g;
  $tex =~ s{\{\Q$t\E\}}{\{../figures/$name\}}g or fail("no \\includegraphics of the picture");
  put("$t.pdf.fixed", $pdf); put("$t.tex.fixed", $tex);' "$t" "$name" "$date" || exit 1
mv -f "$t.pdf.fixed" "../figures/$name.pdf" && mv -f "$t.tex.fixed" "../figures/$name.tex"
