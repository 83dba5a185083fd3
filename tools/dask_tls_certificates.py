"""Certificates for a Dask cluster that speaks TLS only (README, "On a real cluster").

    python tools/dask_tls_certificates.py --output certs --hosts 10.0.0.5,10.0.0.6

writes, in a folder readable by its owner only:

- `ca.pem` (and `ca-key.pem`, to keep offline): a certificate authority of this cluster alone;
- `node.pem` and `node-key.pem`: the certificate of the scheduler and the workers, valid for the
  addresses of `--hosts` (IP addresses or names);
- `client.pem` and `client-key.pem`: the certificate of whoever submits computations
  (`openfisca-residence simulate --scheduler tls://...`).

Dask checks both sides of every connection against `ca.pem`: a machine without a certificate
signed by this authority can neither join as a worker nor submit code. An office with its own
PKI uses its certificates instead. Needs the `cryptography` package (`pip install cryptography`).
"""

from __future__ import annotations

import argparse
import datetime
import ipaddress
import os
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DAYS = 365


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _alternative_names(hosts: list[str]) -> x509.SubjectAlternativeName:
    names = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def _certificate(subject, issuer, key, signing_key, *, authority=False, hosts=(), usages=()):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=DAYS))
        .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
    )
    if hosts:
        builder = builder.add_extension(_alternative_names(list(hosts)), critical=False)
    if usages:
        builder = builder.add_extension(x509.ExtendedKeyUsage(list(usages)), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


def _write(folder: Path, name: str, certificate, key) -> None:
    (folder / f"{name}.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path = folder / f"{name}-key.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)


def write_certificates(folder, hosts: list[str]) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    authority_key = ec.generate_private_key(ec.SECP256R1())
    authority_name = _name("openfisca-residence Dask CA")
    authority = _certificate(
        authority_name, authority_name, authority_key, authority_key, authority=True
    )
    _write(folder, "ca", authority, authority_key)
    both = (ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH)
    for name, usages, names in (("node", both, hosts), ("client", both[1:], ())):
        key = ec.generate_private_key(ec.SECP256R1())
        certificate = _certificate(
            _name(f"openfisca-residence dask {name}"),
            authority_name,
            key,
            authority_key,
            hosts=names,
            usages=usages,
        )
        _write(folder, name, certificate, key)
    return folder


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True, help="folder for the certificates")
    parser.add_argument(
        "--hosts",
        default="127.0.0.1,localhost",
        help="addresses of the scheduler and workers, separated by commas",
    )
    arguments = parser.parse_args(argv)
    folder = write_certificates(arguments.output, arguments.hosts.split(","))
    print(f"{folder}: ca.pem, node.pem, node-key.pem, client.pem, client-key.pem")


if __name__ == "__main__":
    main()
