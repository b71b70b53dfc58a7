"""A certification authority for tests and the demo: a root, the signers' certificates it
issues (as PKCS#12 files, like the USB tokens' exports) and its revocation list. Nothing
here is trusted unless an administrator adds the root to the trusted roots.

Real signing certificates come from the Government's specialised CA (Ban Cơ yếu Chính phủ)
or a licensed public CA; this module only stands in for them where no real one may be used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _cut(text: str, limit: int = 64) -> str:
    """Within X.520's upper bound of 64, which counts UTF-8 bytes ("ệ" is three)."""
    while len(text.encode()) > limit:
        text = text[:-1]
    return text


def _name(common_name: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, _cut(org)),
            x509.NameAttribute(NameOID.COMMON_NAME, _cut(common_name)),
        ]
    )


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class Issued:
    certificate: x509.Certificate
    key: rsa.RSAPrivateKey

    @property
    def serial_hex(self) -> str:
        return format(self.certificate.serial_number, "X")

    def pkcs12(self, passphrase: str, chain: list[x509.Certificate] = ()) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=self.certificate.subject.rfc4514_string().encode(),
            key=self.key,
            cert=self.certificate,
            cas=list(chain) or None,
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
        )


@dataclass
class TestCA:
    __test__ = False  # not a test class, whatever pytest makes of its name
    name: str = "CA thử nghiệm TTTT"
    org: str = "TTTT"
    now: datetime = field(default_factory=lambda: datetime.now(UTC))
    root: Issued = field(init=False)
    revoked: list[tuple[int, datetime]] = field(default_factory=list)
    crl_url: str = "http://ca.tttt.invalid/crl.der"  # never fetched: the list is given as data

    def __post_init__(self):
        key = _key()
        subject = _name(self.name, self.org)
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.now - timedelta(days=3650))
            .not_valid_after(self.now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )  # fmt: skip
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
            .sign(key, hashes.SHA256())
        )
        self.root = Issued(cert, key)

    @property
    def root_der(self) -> bytes:
        return self.root.certificate.public_bytes(serialization.Encoding.DER)

    def issue(self, common_name: str, org: str = "", *, days_before: int = 365,
              days_after: int = 1095) -> Issued:  # fmt: skip
        """A signing certificate for a person or an office, valid from `days_before` days ago
        to `days_after` days ahead (negative: already expired)."""
        key = _key()
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, org or self.org))
            .issuer_name(self.root.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(self.now - timedelta(days=days_before))
            .not_valid_after(self.now + timedelta(days=days_after))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=True,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=False,
                    crl_sign=False,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )  # fmt: skip
            .add_extension(
                x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root.key.public_key()),
                critical=False,
            )
            .add_extension(
                x509.CRLDistributionPoints(
                    [
                        x509.DistributionPoint(
                            full_name=[x509.UniformResourceIdentifier(self.crl_url)],
                            relative_name=None,
                            reasons=None,
                            crl_issuer=None,
                        )
                    ]
                ),
                critical=False,
            )  # fmt: skip
            .sign(self.root.key, hashes.SHA256())
        )
        return Issued(cert, key)

    def revoke(self, issued: Issued, when: datetime | None = None) -> None:
        self.revoked.append((issued.certificate.serial_number, when or self.now))

    def crl_der(self) -> bytes:
        builder = (
            x509.CertificateRevocationListBuilder()
            .issuer_name(self.root.certificate.subject)
            .last_update(self.now - timedelta(days=1))
            .next_update(self.now + timedelta(days=30))
        )
        for serial, when in self.revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(serial).revocation_date(when).build()
            )
        crl = builder.sign(self.root.key, hashes.SHA256())
        return crl.public_bytes(serialization.Encoding.DER)
