variable "V" { default = "bad" }
