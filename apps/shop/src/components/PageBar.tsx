// The title bar of a pushed screen: back to where the shopper came from, or home when opened directly.
import { NavBar } from "antd-mobile";
import type { ReactNode } from "react";
import { useNavigate } from "react-router-dom";

export function PageBar({ title, right, back }: { title: ReactNode; right?: ReactNode; back?: string }) {
  const navigate = useNavigate();
  const goBack = () => {
    if (back) navigate(back);
    else if (window.history.length > 1) navigate(-1);
    else navigate("/");
  };
  return (
    <NavBar className="page-bar" onBack={goBack} right={right}>
      {title}
    </NavBar>
  );
}
