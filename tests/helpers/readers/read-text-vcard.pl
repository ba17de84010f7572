# Perl Text::vCard (Debian libtext-vcard-perl) reads a .vcf; prints JSON, one object per card.
use strict;
use warnings;
use JSON::PP;
use Text::vCard::Addressbook;

local $SIG{__WARN__} = sub { };
my $book = Text::vCard::Addressbook->new({ source_file => $ARGV[0] });
my @out;
sub vals {
  my ($card, $name) = @_;
  my $nodes = $card->get($name) || [];
  return [ map { my $v = $_->value; defined $v ? $v : '' } @$nodes ];
}
for my $card ($book->vcards) {
  my $orgs = $card->get('org') || [];
  my $company = @$orgs ? $orgs->[0]->name : undef;
  push @out, {
    name => $card->fullname,
    numbers => vals($card, 'tel'),
    emails => vals($card, 'email'),
    company => $company,
    title => $card->title,
    notes => vals($card, 'note'),
    urls => vals($card, 'url'),
  };
}
binmode STDOUT, ':encoding(UTF-8)';
print JSON::PP->new->canonical->encode(\@out);
