fn main() {} // placeholder: the generator benchmark replaces this
