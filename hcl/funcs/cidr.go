package funcs

import (
	"fmt"
	"math/big"
	"net"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/gocty"
)

// The cidr functions follow net.ParseCIDR's syntax (the address may have
// host bits set; they are masked off) and net.IP / net.IPNet's text forms,
// so an IPv6 result that is an IPv4-mapped address prints in dotted form.
//
// One quirk of buildx is reproduced on purpose: for an IPv4-mapped IPv6
// network (e.g. "::ffff:10.0.0.0/104"), cidrhost places the host number as
// if the address were 32 bits wide, i.e. shifted 96 bits to the left.

// parseCIDR parses a prefix and returns the network, its prefix length, the
// address length in bits and the network address as an integer.
func parseCIDR(s string) (*net.IPNet, int, int, *big.Int, error) {
	_, nw, err := net.ParseCIDR(s)
	if err != nil {
		return nil, 0, 0, nil, fmt.Errorf("invalid CIDR expression: %s", err)
	}
	ones, bits := nw.Mask.Size()
	return nw, ones, bits, new(big.Int).SetBytes(nw.IP), nil
}

// intToIP renders n as an address of bits/8 bytes, truncating higher bits.
func intToIP(n *big.Int, bits int) net.IP {
	m := new(big.Int).Lsh(big.NewInt(1), uint(bits))
	n = new(big.Int).Mod(n, m)
	return n.FillBytes(make([]byte, bits/8))
}

func pow2(n int) *big.Int {
	return new(big.Int).Lsh(big.NewInt(1), uint(n))
}

func toInt64(v cty.Value) (int64, error) {
	var n int64
	err := gocty.FromCtyValue(v, &n)
	return n, err
}

// CidrHostFunc computes the address of host number hostnum within a prefix;
// negative numbers count back from the end of the range.
var CidrHostFunc = function.New(&function.Spec{
	Description: "Calculates a full host IP address within a given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "hostnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		hostnum, err := toInt64(args[1])
		if err != nil {
			return cty.NilVal, err
		}
		nw, ones, bits, base, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		space := pow2(bits - ones)
		num := big.NewInt(hostnum)
		if hostnum < 0 {
			num.Add(num, space)
		}
		if num.Sign() < 0 || num.Cmp(space) >= 0 {
			return cty.NilVal, fmt.Errorf("prefix of %d does not accommodate a host numbered %d", ones, hostnum)
		}
		width := 128
		if nw.IP.To4() != nil {
			width = 32
		}
		num.Lsh(num, uint(bits-width))
		return cty.StringVal(intToIP(num.Or(num, base), bits).String()), nil
	},
})

// CidrNetmaskFunc returns the netmask of a prefix in address notation.
var CidrNetmaskFunc = function.New(&function.Spec{
	Description: "Converts an IPv4 address prefix given in CIDR notation into a subnet mask address.",
	Params:      []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:        function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		nw, _, _, _, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(net.IP(nw.Mask).String()), nil
	},
})

// CidrSubnetFunc computes subnet number netnum of a prefix extended by
// newbits bits.
var CidrSubnetFunc = function.New(&function.Spec{
	Description: "Calculates a subnet address within a given IP network address prefix.",
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String},
		{Name: "newbits", Type: cty.Number},
		{Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		newbits, err := toInt64(args[1])
		if err != nil {
			return cty.NilVal, err
		}
		netnum, err := toInt64(args[2])
		if err != nil {
			return cty.NilVal, err
		}
		_, ones, bits, base, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		if newbits > 32 {
			return cty.NilVal, fmt.Errorf("may not extend prefix by more than 32 bits")
		}
		newLen := int64(ones) + newbits
		if newLen > int64(bits) {
			return cty.NilVal, fmt.Errorf("insufficient address space to extend prefix of %d by %d", ones, newbits)
		}
		if newLen < 0 {
			return cty.NilVal, fmt.Errorf("cannot shorten prefix of %d by %d bits", ones, -newbits)
		}
		if netnum < 0 || (newbits >= 0 && big.NewInt(netnum).Cmp(pow2(int(newbits))) >= 0) {
			return cty.NilVal, fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %d", newbits, netnum)
		}
		num := new(big.Int).Lsh(big.NewInt(netnum), uint(int64(bits)-newLen))
		sub := net.IPNet{
			IP:   intToIP(num.Or(num, base), bits),
			Mask: net.CIDRMask(int(newLen), bits),
		}
		return cty.StringVal(sub.String()), nil
	},
})

// CidrSubnetsFunc allocates consecutive subnets of a prefix, each extended
// by the given number of bits and aligned to its own size.
var CidrSubnetsFunc = function.New(&function.Spec{
	Description: "Calculates many consecutive subnet addresses at once, rather than just a single subnet extension.",
	Params:      []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam:    &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:        function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		nw, ones, bits, cursor, err := parseCIDR(args[0].AsString())
		if err != nil {
			return cty.NilVal, function.NewArgError(0, err)
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		family := "IPv6"
		if bits == 32 {
			family = "IPv4"
		}
		last := new(big.Int).Add(cursor, pow2(bits-ones))
		end := pow2(bits)
		prev := nw.String()
		out := make([]cty.Value, 0, len(args)-1)
		for i, a := range args[1:] {
			newbits, err := toInt64(a)
			if err != nil {
				return cty.NilVal, function.NewArgError(i+1, err)
			}
			switch {
			case newbits < 1:
				return cty.NilVal, function.NewArgErrorf(i+1, "must extend prefix by at least one bit")
			case newbits > 32:
				return cty.NilVal, function.NewArgErrorf(i+1, "may not extend prefix by more than 32 bits")
			}
			length := ones + int(newbits)
			if length > bits {
				return cty.NilVal, function.NewArgErrorf(i+1, "would extend prefix to %d bits, which is too long for an %s address", length, family)
			}
			if i == 0 && len(nw.IP) == net.IPv6len && nw.IP.To4() != nil {
				// buildx cannot allocate within IPv4-mapped IPv6 networks.
				return cty.NilVal, function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after <nil>", length)
			}
			size := pow2(bits - length)
			// Align the cursor up to a multiple of the subnet size.
			start := new(big.Int).Add(cursor, new(big.Int).Sub(size, big.NewInt(1)))
			start.Div(start, size).Mul(start, size)
			if start.Cmp(last) >= 0 || start.Cmp(end) >= 0 {
				return cty.NilVal, function.NewArgErrorf(i+1, "not enough remaining address space for a subnet with a prefix of %d bits after %s", length, prev)
			}
			sub := net.IPNet{IP: intToIP(start, bits), Mask: net.CIDRMask(length, bits)}
			prev = sub.String()
			out = append(out, cty.StringVal(prev))
			cursor = start.Add(start, size)
		}
		return cty.ListVal(out), nil
	},
})
