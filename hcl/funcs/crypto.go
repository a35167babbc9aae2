package funcs

import (
	"crypto/md5"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"
	"golang.org/x/crypto/bcrypt"
)

// maxBcryptCost caps the bcrypt cost: each step doubles the work, and cost
// 31 would take days. buildx accepts up to 31.
const maxBcryptCost = 16

func hashFunc(desc string, newHash func() hash.Hash) function.Function {
	return stringFunc(desc, "str", func(s string) (string, error) {
		h := newHash()
		h.Write([]byte(s))
		return hex.EncodeToString(h.Sum(nil)), nil
	})
}

// MD5Func returns the hex-encoded MD5 hash of a string.
var MD5Func = hashFunc("Computes the MD5 hash of a given string and encodes it with hexadecimal digits.", md5.New)

// SHA1Func returns the hex-encoded SHA-1 hash of a string.
var SHA1Func = hashFunc("Computes the SHA1 hash of a given string and encodes it with hexadecimal digits.", sha1.New)

// SHA256Func returns the hex-encoded SHA-256 hash of a string.
var SHA256Func = hashFunc("Computes the SHA256 hash of a given string and encodes it with hexadecimal digits.", sha256.New)

// SHA512Func returns the hex-encoded SHA-512 hash of a string.
var SHA512Func = hashFunc("Computes the SHA512 hash of a given string and encodes it with hexadecimal digits.", sha512.New)

// BcryptFunc hashes a string with bcrypt, with an optional cost (default 10;
// costs below 4 select the default).
var BcryptFunc = function.New(&function.Spec{
	Description: "Computes a hash of the given string using the Blowfish cipher.",
	Params:      []function.Parameter{{Name: "str", Type: cty.String}},
	VarParam:    &function.Parameter{Name: "cost", Type: cty.Number},
	Type:        function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		cost := bcrypt.DefaultCost
		if len(args) > 2 {
			return cty.NilVal, errors.New("bcrypt() takes no more than two arguments")
		}
		if len(args) == 2 {
			if err := gocty.FromCtyValue(args[1], &cost); err != nil {
				return cty.NilVal, err
			}
		}
		if cost > maxBcryptCost && cost <= bcrypt.MaxCost {
			return cty.NilVal, function.NewArgErrorf(1, "bcrypt cost %d exceeds the maximum of %d", cost, maxBcryptCost)
		}
		h, err := bcrypt.GenerateFromPassword([]byte(args[0].AsString()), cost)
		if err != nil {
			// Wording (including the typo) matches buildx.
			return cty.NilVal, fmt.Errorf("error occured generating password %s", err)
		}
		return cty.StringVal(string(h)), nil
	},
})

// RSADecryptFunc decrypts base64-encoded RSA PKCS #1 v1.5 ciphertext with a
// PEM-encoded PKCS #1 private key.
var RSADecryptFunc = function.New(&function.Spec{
	Description: "Decrypts an RSA-encrypted ciphertext.",
	Params: []function.Parameter{
		{Name: "ciphertext", Type: cty.String},
		{Name: "privatekey", Type: cty.String},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		s := args[0].AsString()
		ct, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return cty.NilVal, fmt.Errorf("failed to decode input %q: cipher text must be base64-encoded", s)
		}
		block, _ := pem.Decode([]byte(args[1].AsString()))
		if block == nil {
			return cty.NilVal, errors.New("failed to parse key: no key found")
		}
		key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return cty.NilVal, err
		}
		out, err := rsa.DecryptPKCS1v15(rand.Reader, key, ct)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(string(out)), nil
	},
})
