#!/usr/bin/perl
# tools/tangle.pl NW DIR MARKUP -- every root chunk of NW into DIR, in one pass
# (called by tools/tangle.sh, which holds the lock).
#
# noweb's markup reads NW once; the chunks are then expanded here exactly as
# notangle expands them (C sources as `notangle -L', with #line directives
# pointing at NW; other roots as plain `notangle'), so that the output is
# byte for byte notangle's -- tests/check-tangle.sh compares every root.
# A file is replaced only when its content changed; for C files a change in
# the #line directives alone does not count, so that a prose edit, which
# shifts every line number below it, recompiles nothing.  Each file is written
# under a temporary name beside it and renamed into place: never a
# half-written file.  Prints nothing; a failure is one line and status 1.
use strict;
use warnings;
use File::Path qw(make_path);

my ($nw, $dir, $markup) = @ARGV;
die "usage: tools/tangle.pl NW DIR MARKUP\n" unless defined $markup;
sub fail { print STDERR "$nw: $_[0]\n"; exit 1; }

# 1. The chunks: for each name its parts (definitions) in file order; each
# part a first line and a list of items: newline, text (with its line and its
# column in NW) or use of a chunk (the same).
open(my $m, '-|', $markup, '-t', $nw) or fail("cannot run $markup: $!");
my (%parts, %used, @defined, $cur, $file, $skip);
my $line = 0;
while (<$m>) {
  chomp;
  if (/^\@nl$/) {
    $line++;
    push @$cur, ['n'] if $cur && !$skip;
    $skip = 0;
  } elsif ($cur && /^\@text ?(.*)$/s) {
    push @$cur, ['t', $1, $line + 1];
  } elsif (/^\@use (.*)$/) {
    push @$cur, ['u', $1, $line + 1] if $cur;
    $used{$1} = 1;    # a use in the text ([[<<name>>]]) counts too, as for noroots
  } elsif (/^\@defn (.*)$/) {
    push @defined, $1 unless $parts{$1};
    $cur = [];
    push @{$parts{$1}}, $cur;
    $skip = 1;    # the newline of the <<name>>= line itself
  } elsif (/^\@end code/) {
    $cur = undef;
  } elsif (/^\@index nl/) {
    $line++;
  } elsif (/^\@line (\d+)/) {
    $line = $1 - 1;
  } elsif (/^\@file (.*)$/) {
    $file = $1;
  }
}
close $m or fail("markup failed (is noweb installed? sh tools/deps.sh)");
for my $ps (values %parts) {
  for my $p (@$ps) {
    my $c = 0;
    for my $it (@$p) {
      if ($it->[0] eq 'n') { $c = 0; next; }
      $it->[3] = $c;
      $c += $it->[0] eq 't' ? length $it->[1] : length("<<$it->[1]>>");
    }
  }
}
my @roots = sort grep { !$used{$_} } @defined;
fail("no root chunk found") unless @roots;

# 2. Expansion, as noweb's nt does it.  With line directives (-L): a
# directive before the first text of each part and after each use, the text
# then set at its column in NW; without: each line of a used chunk indented
# to the column of its use, tabs expanded to stops of 8.
sub tangle {
  my ($root, $L) = @_;
  my ($out, $col, $pending, $open) = ('', 0, 0, 0); # $open: the line has begun
  my $expand;
  $expand = sub {
    my ($name, $indent, $depth) = @_;
    fail("chunk <<$name>> is used inside itself") if $depth > 100;
    my $ps = $parts{$name} or fail("undefined chunk name: <<$name>>");
    for my $k (0 .. $#$ps) {
      my @items = @{$ps->[$k]};
      pop @items if @items && $items[-1][0] eq 'n'; # each part's last newline...
      if ($k > 0 && @items && ($col || $open)) { # ...is put back before the next
        $out .= "\n";
        ($col, $open) = (0, 0);
      }
      $pending = 1 if $L;
      for my $it (@items) {
        if ($it->[0] eq 'n') {
          $out .= "\n";
          ($col, $open) = (0, 0);
        } elsif ($it->[0] eq 't' && $it->[1] eq '') {
          $open = 1; # an empty text: nothing to print, but the line has begun
        } elsif ($it->[0] eq 't') {
          my $t = $it->[1];
          if ($L && $pending) {
            $out .= "\n" if $col || $open;
            $out .= "#line $it->[2] \"$file\"\n" . (' ' x $it->[3]);
            ($col, $pending) = ($it->[3], 0);
          } elsif (!$L) {
            if ($col == 0 && $indent) { $out .= ' ' x $indent; $col = $indent; }
            if ($t =~ /\t/) {
              my ($c, $r) = ($it->[3], '');
              for my $ch (split //, $t) {
                if ($ch eq "\t") { my $s = 8 - $c % 8; $r .= ' ' x $s; $c += $s; }
                else { $r .= $ch; $c++; }
              }
              $t = $r;
            }
          }
          $out .= $t;
          $col += length $t;
          $open = 1;
        } else {
          if (!$L && $col == 0 && $indent) { $out .= ' ' x $indent; $col = $indent; }
          $expand->($it->[1], $L ? 0 : $col, $depth + 1);
          $pending = 1 if $L;
        }
      }
    }
  };
  $expand->($root, 0, 0);
  $out .= "\n" if $col || $open;
  return $out;
}

# 3. Write what changed.
sub slurp { open(my $f, '<', $_[0]) or return undef; local $/; my $s = <$f>; close $f; $s }
sub nolines { my $s = shift; $s =~ s/^#line .*\n//mg; $s }
# (every root is expanded before any is written: an error writes nothing)
my %text;
for my $r (@roots) {
  fail("root chunk <<$r>> escapes $dir") if $r =~ m{(^|/)\.\.(/|$)} || $r =~ m{^/};
  $text{$r} = tangle($r, $r =~ /\.c$/);
}
for my $r (@roots) {
  my $c = $r =~ /\.c$/ ? 1 : 0;
  my $text = $text{$r};
  my $out = "$dir/$r";
  my $old = slurp($out);
  next if defined $old && ($c ? nolines($old) eq nolines($text) : $old eq $text);
  (my $d = $out) =~ s{/[^/]*$}{};
  eval { make_path($d) }; fail("cannot create $d: $@") if $@ || !-d $d;
  my $tmp = "$out.$$.tmp";
  my $ok = open(my $f, '>', $tmp);
  $ok &&= print $f $text;
  $ok = close($f) && $ok if $f;
  $ok &&= chmod(0755, $tmp) if $r =~ /\.sh$/;
  $ok &&= rename($tmp, $out);
  unless ($ok) { my $e = "$!"; unlink $tmp; fail("cannot write $out: $e"); }
}
