#!/usr/bin/env bash
# Regenerates the TEST-ONLY public-key hierarchy used by the simulators and the tests.
#
#   JPKI-TEST auth CA  -> each persona's 利用者証明用電子証明書 (auth.crt / auth.key.pem)
#   JPKI-TEST sign CA  -> each persona's 署名用電子証明書 where the persona has one
#   TOKUTEI-TEST CA    -> the 特定機関 terminal certificate (our stand-in for 特定機関認証)
#   KENMEN-TEST issuer -> signs the 券面AP key certificate (EF 0004); the AP key signs DF28
#
# Every key here is published in this repository and is worthless outside tests. Never point
# the app at these CAs on a real desk. Run from anywhere; needs openssl. The output is
# committed so that a clean clone needs no generation step.
set -euo pipefail
cd "$(dirname "$0")"
P=../personas
rm -rf work && mkdir -p work

ca() { # name subject
  local n=$1 subj=$2
  mkdir -p "work/$n/new"; : > "work/$n/index.txt"; echo 1000 > "work/$n/serial"; echo 1000 > "work/$n/crlnumber"
  cat > "work/$n/ca.cnf" <<CNF
[ca]
default_ca = this
[this]
dir = work/$n
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
default_crl_days = 3650
[any]
countryName = optional
organizationName = optional
organizationalUnitName = optional
localityName = optional
commonName = optional
[v3_ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_auth]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.392.200149.8.5.1.3.30
[v3_sign]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 1.2.392.200149.8.5.1.1.10
[v3_terminal]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
  openssl genrsa -out "$n.key.pem" 2048 2>/dev/null
  openssl req -new -key "$n.key.pem" -subj "$subj" -out "work/$n/ca.csr"
  openssl ca -batch -config "work/$n/ca.cnf" -selfsign -keyfile "$n.key.pem" -extensions v3_ca \
    -startdate 20230716000000Z -enddate 20330715235959Z -in "work/$n/ca.csr" -out "work/$n/ca.pem" 2>/dev/null
  openssl x509 -in "work/$n/ca.pem" -outform DER -out "$n.crt.der"
  openssl x509 -in "work/$n/ca.pem" -out "$n.crt.pem"
}

issue() { # ca ext key_out cert_out subject start end
  local c=$1 ext=$2 key=$3 crt=$4 subj=$5 start=$6 end=$7
  openssl genrsa -out "$key" 2048 2>/dev/null
  openssl req -new -key "$key" -subj "$subj" -out work/req.csr
  openssl ca -batch -config "work/$c/ca.cnf" -cert "work/$c/ca.pem" -keyfile "$c.key.pem" -extensions "$ext" \
    -startdate "$start" -enddate "$end" -in work/req.csr -out work/req.pem 2>/dev/null
  openssl x509 -in work/req.pem -outform DER -out "$crt"
}

ca jpki-auth-ca "/C=JP/O=JPKI-TEST/OU=JPKI for user authentication/OU=Japan Agency for Local Authority Information Systems TEST"
ca jpki-sign-ca "/C=JP/O=JPKI-TEST/OU=JPKI for digital signature/OU=Japan Agency for Local Authority Information Systems TEST"
ca tokutei-ca "/C=JP/O=ONSHI-DESK-TEST/OU=Tokutei Kikan Terminal CA TEST"

# 特定機関 terminal certificate, held by the desk for face and 目視 modes.
issue tokutei-ca v3_terminal tokutei-terminal.key.pem tokutei-terminal.crt.der \
  "/C=JP/O=ONSHI-DESK-TEST/CN=Onshi Desk test terminal" 20250401000000Z 20350331235959Z

# 券面AP keys: the issuer (CA key not on the card) and the AP key that signs DF28.
openssl genrsa -out kenmen-issuer.key.pem 2048 2>/dev/null
openssl genrsa -out kenmen-ap.key.pem 2048 2>/dev/null
openssl genrsa -out kenmen-card.key.pem 2048 2>/dev/null
# What a desk is given: the issuer's public key (`[card] kenmen_issuer`) to check EF 0004 with;
# the AP's public key for the driver's fuzz target.
openssl pkey -in kenmen-issuer.key.pem -pubout -outform DER -out kenmen-issuer.pub.der
openssl pkey -in kenmen-ap.key.pem -pubout -outform DER -out kenmen-ap.pub.der

# id  auth-start  auth-end  sign(yes/no)  municipality
while read -r id start end sign muni; do
  [ -z "$id" ] && continue
  d=$P/$id; mkdir -p "$d"
  # Opaque subject like a real auth certificate: municipality code + an opaque serial, no name.
  cn="${muni}$(openssl rand -hex 9 | tr a-f A-F)"
  issue jpki-auth-ca v3_auth "$d/auth.key.pem" "$d/auth.crt.der" "/C=JP/CN=${cn}" "$start" "$end"
  if [ "$sign" = yes ]; then
    issue jpki-sign-ca v3_sign "$d/sign.key.pem" "$d/sign.crt.der" "/C=JP/L=${muni}/CN=${cn}S" "$start" "$end"
  else
    rm -f "$d/sign.key.pem" "$d/sign.crt.der"
  fi
done <<'LIST'
adult         20250401000000Z 20300217235959Z yes 13101
face-only     20240115000000Z 20290503235959Z no  13104
child         20250820000000Z 20300820235959Z no  14100
pin-locked    20221103000000Z 20271103235959Z yes 27100
expired       20210612000000Z 20260612235959Z yes 23100
two-tries     20240930000000Z 20290930235959Z yes 01100
unregistered  20250125000000Z 20300125235959Z yes 40130
elderly       20240310000000Z 20290310235959Z yes 26100
revoked       20241201000000Z 20291201235959Z yes 13113
LIST

# The revoked persona's auth certificate is on the auth CA's revocation list (card reported lost).
openssl ca -batch -config work/jpki-auth-ca/ca.cnf -cert work/jpki-auth-ca/ca.pem -keyfile jpki-auth-ca.key.pem \
  -revoke <(openssl x509 -inform DER -in $P/revoked/auth.crt.der) -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config work/jpki-auth-ca/ca.cnf -cert work/jpki-auth-ca/ca.pem -keyfile jpki-auth-ca.key.pem \
  -gencrl -out work/auth.crl.pem 2>/dev/null
openssl crl -in work/auth.crl.pem -outform DER -out jpki-auth-ca.crl.der
rm -rf work
echo "test PKI regenerated in $(pwd) and $P/*/"
