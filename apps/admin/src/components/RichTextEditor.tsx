// The product description: a small WYSIWYG editor producing HTML (the server sanitises it on save).
import {
  BoldOutlined,
  FileImageOutlined,
  ItalicOutlined,
  OrderedListOutlined,
  UnorderedListOutlined,
} from "@ant-design/icons";
import { Button, Space } from "antd";
import { useEffect, useRef } from "react";
import { useI18n } from "../i18n/index.tsx";

type Props = { value?: string; onChange?: (html: string) => void };

export function RichTextEditor({ value = "", onChange }: Props) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);

  // Only push the outside value in when it differs, so typing keeps the caret where it is.
  useEffect(() => {
    if (box.current && box.current.innerHTML !== value) box.current.innerHTML = value;
  }, [value]);

  const run = (command: string, argument?: string) => {
    box.current?.focus();
    document.execCommand(command, false, argument);
    onChange?.(box.current?.innerHTML ?? "");
  };

  return (
    <div style={{ border: "1px solid #d9d9d9", borderRadius: 6 }}>
      <Space style={{ padding: 6, borderBottom: "1px solid #f0f0f0" }} wrap>
        <Button size="small" icon={<BoldOutlined />} onClick={() => run("bold")} />
        <Button size="small" icon={<ItalicOutlined />} onClick={() => run("italic")} />
        <Button size="small" onClick={() => run("formatBlock", "h3")}>
          H
        </Button>
        <Button size="small" onClick={() => run("formatBlock", "p")}>
          P
        </Button>
        <Button size="small" icon={<UnorderedListOutlined />} onClick={() => run("insertUnorderedList")} />
        <Button size="small" icon={<OrderedListOutlined />} onClick={() => run("insertOrderedList")} />
        <Button
          size="small"
          icon={<FileImageOutlined />}
          onClick={() => {
            const url = window.prompt(t("editor.imageUrl"));
            if (url) run("insertImage", url);
          }}
        />
      </Space>
      <div
        data-testid="rich-text"
        ref={box}
        contentEditable
        suppressContentEditableWarning
        style={{ minHeight: 180, padding: 12, outline: "none" }}
        onInput={() => onChange?.(box.current?.innerHTML ?? "")}
      />
    </div>
  );
}
