# Past 12 rows, buildx's unstable sort (targets, then groups, in file order) puts some groups before the target of the same name.
target "n8" {}
target "n1" {}
target "n11" {}
group "n1" { targets = ["n3"] }
group "n6" { targets = ["n1", "n5"] }
group "n7" { targets = ["n12"] }
target "n7" {}
target "n12" {}
group "n5" { targets = ["n3", "n4"] }
target "n4" {}
target "n0" {}
target "n10" {}
target "n3" {}
group "n9" { targets = ["n12", "n3"] }
group "n2" { targets = ["n10", "n7"] }
group "n12" { targets = ["n3", "n8"] }
